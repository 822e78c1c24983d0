// Test support over the shared OpenLineage corpus, for this package's
// conformance tests and for other packages' tests (import "@tributary/openlineage/corpus").
export { sharedDir, corpusEventsDir, specDir } from './shared-dir.js';
export { readCorpusIndex, parseCorpusText, type CorpusEntry, type CorpusStatus } from './corpus-index.js';
export {
  substitutePlaceholders,
  quoteBarePlaceholders,
  hasPlaceholder,
  exampleForRegex,
  SAMPLE_DATE_TIME,
  SAMPLE_URI,
} from './placeholders.js';
export { completeEvent, type CompletedEvent } from './complete-event.js';
export { loadCorpus, type CorpusEvent } from './load-corpus.js';
