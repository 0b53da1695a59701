import type {
  AuditEntry,
  CallRecord,
  Coupon,
  Department,
  Product,
  SessionEntry,
  Settings,
  Staff,
  StoreInfo,
  VoiceTemplate,
} from './schemas.js';

/**
 * The store interface: everything the rest of the code may know about where data lives.
 * Routes, use cases, the call flow and the dashboard depend on these types only; the JSON
 * files are one adapter behind them (src/store/json/), a database is another. Values handed
 * out are frozen and shared: treat them as read-only.
 */

export interface Paging {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface Page<T> extends Paging {
  items: T[];
  total: number;
}

export interface ListQuery<R> extends Partial<Paging> {
  /** Words that must all appear in the record's searchable text (case-insensitive). */
  q?: string;
  /** Records whose fields equal these values. */
  where?: Partial<R>;
}

/**
 * One collection of records with server-assigned ids. Unique keys (a product's sku, a
 * coupon's code…) are enforced here as a database constraint would: a write that breaks one
 * is refused with a 409 naming the field. Records are validated by the use case before they
 * get here; the adapter only checks what it reads from its own storage.
 */
export interface Repository<R extends { id: string }> {
  /** Every record, in the order they were added. For small collections and the read model. */
  all(): Promise<readonly R[]>;
  /** One page of the records that match, in the order they were added. */
  list(query?: ListQuery<R>): Promise<Page<R>>;
  get(id: string): Promise<R | undefined>;
  /** The record whose unique field has this value (compared trimmed, case-insensitively). */
  findBy(field: keyof R & string, value: string): Promise<R | undefined>;
  insert(record: R): Promise<R>;
  /** Replace the record with the same id; 404 when there is none. */
  update(record: R): Promise<R>;
  /** The removed record, or undefined when there was none. */
  remove(id: string): Promise<R | undefined>;
  /** Replace the whole collection (a restore): the one write allowed over damaged stored data. */
  replaceAll(records: readonly R[]): Promise<void>;
}

/** A collection that is one object (store info, settings). */
export interface Singleton<V> {
  get(): Promise<V>;
  put(value: V): Promise<V>;
  /** The same as put, for a restore: the one write allowed over a damaged stored value. */
  replace(value: V): Promise<V>;
}

export interface StoreCollections {
  storeInfo: Singleton<StoreInfo>;
  settings: Singleton<Settings>;
  departments: Repository<Department>;
  inventory: Repository<Product>;
  coupons: Repository<Coupon>;
  voiceTemplates: Repository<VoiceTemplate>;
  staff: Repository<Staff>;
}

export type CollectionName = keyof StoreCollections;
export type ListCollectionName = { [K in CollectionName]: StoreCollections[K] extends Repository<infer _R> ? K : never }[CollectionName];
export type RecordOf<K extends ListCollectionName> = StoreCollections[K] extends Repository<infer R> ? R : never;
export type SingletonName = Exclude<CollectionName, ListCollectionName>;
export type ValueOf<K extends SingletonName> = StoreCollections[K] extends Singleton<infer V> ? V : never;

/**
 * The same repositories, seen inside one transaction: everything done through them is
 * written together or not at all. Audit lines added here are kept only if it commits.
 */
export interface Transaction extends StoreCollections {
  audit: { add(entry: AuditEntry): void };
}

export interface CallFilter {
  /** Only calls where the caller asked for something the store does not carry (or only the others). */
  unmet?: boolean;
  outcome?: string;
}

/** What the stats page shows for a span of days, counted in the store's time zone. */
export interface CallStats {
  from: string;
  to: string;
  timeZone: string;
  calls: number;
  byOutcome: Record<string, number>;
  byIntent: Record<string, number>;
  /** Transfers per department name. */
  byDepartment: Record<string, number>;
  /** Product names callers were told about, most asked first. */
  productsAsked: { name: string; count: number }[];
  /** What callers asked for that the store does not carry, most asked first. */
  unmetRequests: { query: string; count: number }[];
  /** Every day of the span, oldest first: YYYY-MM-DD and its count. */
  perDay: { date: string; count: number }[];
  /** Calls per hour of the day (0–23), over the span. */
  perHour: number[];
}

/**
 * The call log. A call may be written in several parts (a transfer, then Twilio's status
 * callback); it is read back as one record per call, newest first.
 */
export interface CallLog {
  append(record: CallRecord): Promise<void>;
  page(filter: CallFilter, paging: Paging): Promise<Page<CallRecord>>;
  get(callSid: string): Promise<CallRecord | undefined>;
  /** Calls that started in the last `days` days (today included), counted in `timeZone`. */
  stats(options: { days: number; timeZone: string; now: Date }): Promise<CallStats>;
}

export interface AuditFilter {
  collection?: string;
  actor?: string;
}

/** The change log: one line per change, read newest first. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  page(filter: AuditFilter, paging: Paging): Promise<Page<AuditEntry>>;
}

/** Dashboard logins, by session id. */
export interface SessionRepository {
  get(sid: string): Promise<SessionEntry | undefined>;
  set(sid: string, entry: SessionEntry): Promise<void>;
  destroy(sid: string): Promise<void>;
  /** Move an existing session's expiry; nothing happens to a session that is gone. */
  touch(sid: string, expires: number): Promise<void>;
  /** How many live sessions there are (for tests and the operator). */
  count(): Promise<number>;
}

/** Everything a phone call is answered from: one frozen value, the same object until something changes. */
export interface CallData {
  storeInfo: StoreInfo;
  departments: readonly Department[];
  inventory: readonly Product[];
  coupons: readonly Coupon[];
  templates: readonly VoiceTemplate[];
  settings: Settings;
}

/**
 * A change to a collection, told to listeners in the process that made it (and, for changes
 * made elsewhere, once they are seen). `upserted` and `removedIds` describe a change of a few
 * records; `reset` means the whole collection may differ (a restore, a file edited by hand).
 */
export interface StoreChange {
  collection: CollectionName;
  upserted: readonly { id: string }[];
  removedIds: readonly string[];
  reset: boolean;
}

export interface Store extends StoreCollections {
  /** Run `work` against the collections; all of its writes land together, or none do (a throw). */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  calls: CallLog;
  audit: AuditLog;
  sessions: SessionRepository;
  /** The webhooks' read model: refreshed within a second of a change made by any process. */
  callData(): Promise<CallData>;
  onChange(listener: (change: StoreChange) => void): () => void;
  /** Wait until the writes under way (in this process) have landed. */
  flush(): Promise<void>;
  /** Finish what is under way and let go of what the store holds (graceful shutdown). */
  close(): Promise<void>;
}
