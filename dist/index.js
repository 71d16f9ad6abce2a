import { createRequire as __gmCreateRequire } from 'node:module'; const require = __gmCreateRequire(import.meta.url);
import {
  GitModelError,
  MetadataSchema,
  Registry,
  doctor,
  initRegistry,
  listModels,
  listVersions,
  metadataJsonSchema,
  openRegistry,
  parseConfig,
  parseReference,
  register,
  validate
} from "./chunks/chunk-Y7HL3KCZ.js";
import "./chunks/chunk-VBFOSH5Y.js";
export {
  GitModelError,
  MetadataSchema,
  Registry,
  doctor,
  initRegistry,
  listModels,
  listVersions,
  metadataJsonSchema,
  openRegistry,
  parseConfig,
  parseReference,
  register,
  validate
};
