// Worker thread: builds the checker's index from the database (its own read-only connection),
// writes the index file and hands the bundle (snapshot and automaton) to the main thread.
import { answerWorker } from '../io/worker.js';
import { openDatabase } from '../store/db.js';
import { Store } from '../store/repository.js';
import { type CheckWorkerInput, checkWorkerJob } from './live-index.js';

answerWorker((input: CheckWorkerInput) => {
  const store = new Store(openDatabase(input.dbPath, { readonly: true }));
  try {
    return checkWorkerJob(store, input.file);
  } finally {
    store.db.close();
  }
});
