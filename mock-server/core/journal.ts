/** The request journal: a bounded list of what was asked and what the mock answered. */
import type { z } from "zod";
import type { JournalEntry } from "../../contracts/mock/control.ts";

export type JournalRecord = z.output<typeof JournalEntry>;

export interface Journal {
  record(entry: Omit<JournalRecord, "id">): void;
  /** Newest first. */
  list(filter: { limit: number; operation?: string | undefined; store_code?: string | undefined }): JournalRecord[];
  clear(): void;
}

export function createJournal(capacity: number): Journal {
  // A ring buffer: recording stays O(1) however busy the mock is.
  const entries: (JournalRecord | undefined)[] = new Array(capacity);
  let nextId = 1;
  return {
    record(entry) {
      const id = nextId++;
      entries[id % capacity] = { id, ...entry };
    },
    list({ limit, operation, store_code }) {
      const out: JournalRecord[] = [];
      for (let id = nextId - 1; id >= 1 && id > nextId - 1 - capacity && out.length < limit; id--) {
        const entry = entries[id % capacity];
        if (!entry || entry.id !== id) continue;
        if (operation !== undefined && entry.operation !== operation) continue;
        if (store_code !== undefined && entry.store_code !== store_code) continue;
        out.push(entry);
      }
      return out;
    },
    clear() {
      entries.fill(undefined);
      nextId = 1;
    },
  };
}
