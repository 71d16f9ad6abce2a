/** Stylesheets, bundled as text (esbuild's `with { type: "text" }`). */
declare module "*.css" {
  const text: string;
  export default text;
}
