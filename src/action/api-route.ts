/** How register's summary says the tags went when the GitHub API published them. */
export const API_ROUTE = "through the GitHub API";
