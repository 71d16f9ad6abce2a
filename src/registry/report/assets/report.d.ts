/** The browser script, bundled as text (esbuild's `with { type: "text" }`). */
declare const text: string;
export default text;
