// @ts-check
// Where Firefox keeps settings, the salt and dismissals: the background page's own
// IndexedDB. Firefox has no storage.local.setAccessLevel, and content scripts can read
// and write storage.local; they cannot reach the extension origin's IndexedDB. Earlier
// versions kept these in storage.local: they move here once (a marker in IndexedDB says
// it happened), and from then on storage.local is emptied at every start and never read,
// so what a compromised renderer writes there never becomes a setting. The Chrome build
// ships store.chrome.js under this name instead.

// `managed`: the administrator's policy as last read (see bg.js), not the user's.
// `health`: what each account's token list last said (no secret in it).
const KEYS = ['settings', 'dismissed', 'salt', 'managed', 'health'];
const DB = 'keyshift';
const STORE = 'local';
const MIGRATED = 'migratedFromStorageLocal';

/** @returns {Promise<IDBDatabase>} */
function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** @param {IDBDatabase} db @param {IDBTransactionMode} mode @param {(store: IDBObjectStore) => void} work */
function transact(db, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(undefined);
    tx.onerror = () => reject(tx.error);
  });
}

/** @param {IDBDatabase} db @returns {Promise<Record<string, unknown>>} */
async function read(db) {
  /** @type {Record<string, unknown>} */
  const out = {};
  await transact(db, 'readonly', (store) => {
    for (const key of KEYS) {
      const req = store.get(key);
      req.onsuccess = () => {
        if (req.result !== undefined) out[key] = req.result;
      };
    }
  });
  return out;
}

/** @param {IDBDatabase} db @param {Record<string, unknown>} values */
function write(db, values) {
  return transact(db, 'readwrite', (store) => {
    for (const [key, value] of Object.entries(values)) store.put(value, key);
  });
}

/** @param {IDBDatabase} db @returns {Promise<boolean>} */
async function migrated(db) {
  let done = false;
  await transact(db, 'readonly', (store) => {
    const req = store.get(MIGRATED);
    req.onsuccess = () => {
      done = req.result === true;
    };
  });
  return done;
}

const ready = (async () => {
  const db = await open();
  // The one migration from storage.local: what IndexedDB lacks is taken from there, on
  // the first start of a version that keeps them here, and never again.
  if (!(await migrated(db))) {
    const old = await chrome.storage.local.get(KEYS);
    const have = await read(db);
    const missing = Object.fromEntries(Object.entries(old).filter(([k]) => !(k in have)));
    await write(db, { ...missing, [MIGRATED]: true });
  }
  await chrome.storage.local.remove(KEYS);
  return db;
})();

export async function loadLocal() {
  return read(await ready);
}

/** @param {Record<string, unknown>} values */
export async function saveLocal(values) {
  await write(await ready, values);
}
