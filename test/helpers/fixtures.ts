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

/** Seed 001: DESIGN section 6's policy with its scoring, and its major-minor versions. */
export const SEED_001 = `versioning: major-minor
select:
  require:
    training_mode: multi_symbol
    symbol_encoding_type: one_hot
  defaults:
    training_mode: single_symbol
    symbol_encoding_type: one_hot
  rank:
    score:
      - { count: trained_symbols, weight: 10 }
      - { recency: created_at, horizon_days: 365 }
      - { version: true }
`;
