/** The browser's chart script (browser-charts.ts and d3), bundled as text by scripts/build.mjs. */
declare module "virtual:report-charts" {
  const text: string;
  export default text;
}
