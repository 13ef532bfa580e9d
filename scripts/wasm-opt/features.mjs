// The `--enable-…` flags the optimiser understands, with binaryen's name for each: the client
// sends anything else to the real wasm-opt, the server turns these into binaryen's features.
export const FEATURES = {
  'bulk-memory': 'BulkMemory',
  'nontrapping-float-to-int': 'NontrappingFPToInt',
  'sign-ext': 'SignExt',
  'mutable-globals': 'MutableGlobals',
  simd: 'SIMD128',
  'reference-types': 'ReferenceTypes',
  multivalue: 'Multivalue',
};
