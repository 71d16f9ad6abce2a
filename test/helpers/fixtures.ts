/** Configurations the seeds give, written as a user would write .gitmodel.yaml. */

/** Seed 004: its stages, transition table and displaced_to. */
export const SEED_004 = `stages:
  - { name: development, initial: true }
  - { name: beta }
  - { name: champion, exclusive: true }
  - { name: archived }
transitions:
  development: [beta, archived]
  beta: [development, champion, archived]
  champion: [beta, archived]
  archived: [development, beta]
displaced_to: archived
`;
