// Worker thread: builds the lookup index from the database (its own read-only connection), writes
// the index file and hands the index to the main thread as a bundle of transferred arrays.
import { answerWorker } from '../io/worker.js';
import { openDatabase } from '../store/db.js';
import { Store } from '../store/repository.js';
import { type LookupWorkerInput, lookupWorkerJob } from './lookup-index.js';

answerWorker((input: LookupWorkerInput) => {
  const store = new Store(openDatabase(input.dbPath, { readonly: true }));
  try {
    return lookupWorkerJob(store, input.file);
  } finally {
    store.db.close();
  }
});
