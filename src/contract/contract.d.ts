// The contract between the JavaScript shell and the Rust engine: what crosses
// `chrome.runtime.sendMessage` and the Engine's methods. Published in keyshift.d.ts by
// wasm-bindgen; `messages::tests::the_typescript_contract_matches_the_rust_types` keeps
// it in step with the Rust types.

// ---- requests ----------------------------------------------------------------------

export interface NoFields {}
export interface CaptureRef { capture: number; }
export interface CopyRef { capture: number; by?: CopiedBy; }
export interface ExitRef { capture: number; how?: Exit; }
export interface FingerprintRef { fingerprint: string; }
export interface Submitted { kind: TokenKind; name?: string | null; chosen?: string[]; }
export interface Here { tab?: number | null; url?: string | null; }
export interface Replacing { kind: TokenKind; }
export interface OriginRef { origin: string; }
export interface ScanBody { snapshot: Snapshot; }
export interface SetSettingsBody { settings: Settings; }

export type Request =
  | { 'hello': NoFields }
  | { 'scan': ScanBody }
  | { 'copied': CopyRef }
  | { 'done-clicked': ExitRef }
  | { 'done-skipped': CaptureRef }
  | { 'viewed': CaptureRef }
  | { 'submitted': Submitted }
  | { 'dismiss': FingerprintRef }
  | { 'replacing': Replacing }
  | { 'fill-open': NoFields }
  | { 'filled': CaptureRef }
  | { 'popup': Here }
  | { 'page-verdict': Here }
  | { 'list-held': Here }
  | { 'reveal-held': CaptureRef }
  | { 'forget': CaptureRef }
  | { 'forget-all': NoFields }
  | { 'get-settings': NoFields }
  | { 'set-settings': SetSettingsBody }
  | { 'list-dismissed': NoFields }
  | { 'undismiss': FingerprintRef }
  | { 'health-csv': OriginRef }
  | { 'clear-health': NoFields };

export type Source = 'text' | 'value' | 'attr';
/** `[tag, role, class]`, the element first. */
export type Ancestor = [string, string, string];
/** `[shown by CSS, x, y, width, height]` in document coordinates. */
export type Shown = [boolean, number, number, number, number, boolean];
/** `[id, text]` */
export type Row = [number, string];
/** `[id, label, region]` (region 0: none) */
export type Control = [number, string, number];
/** `[text, region]` */
export type Heading = [string, number];
/** `[id, name]` of a dialog */
export type Region = [number, string];

export interface Block {
  id: number;
  segs: string[];
  source?: Source;
  label?: string | null;
  header?: string | null;
  field?: string | null;
  row?: number | null;
  region?: number | null;
  path?: Ancestor[];
  shown?: Shown | null;
  near?: [string, string] | null;
  inner?: string | null;
}

export interface Field {
  id: number;
  kind?: string;
  label?: string | null;
  name?: string | null;
  placeholder?: string | null;
  region?: number | null;
  /** The headings of its form or section and the words just before it. */
  near?: string | null;
  /** The first heading of its form or section. */
  section?: string | null;
  /** Fields of the same form or section share a group. */
  group?: number | null;
  /** The value's shape (hex digits `h`, `T` and `-` kept, else `x`), never the value. */
  shape?: string | null;
  visible?: boolean;
  editable?: boolean;
}

export interface PageInfo {
  url: string;
  title?: string;
  lang?: string;
  translated?: boolean;
  headings?: Heading[];
  controls?: Control[];
  look?: Look;
}
/** The page's computed `color-scheme` and background colours, innermost first. */
export interface Look { scheme: string; backgrounds: string[]; }

export interface Snapshot {
  page: PageInfo;
  blocks?: Block[];
  rows?: Row[];
  regions?: Region[];
  fields?: Field[];
}

export interface Settings {
  captureTokens: boolean;
  holdMinutes: number;
  clearClipboard: boolean;
  clearAfterSeconds: number;
  extraHosts: string[];
  forgetAfterFill: boolean;
  remindBeforeExpiry: boolean;
}

// ---- replies -------------------------------------------------------------------------

export type PageKind = 'token-list' | 'new-token' | 'token-reveal' | 'profile' | 'integration' | 'other';
export type NoteKind = 'legacy-key' | 'token-expired' | 'token-expiring' | 'captured-token' | 'fill-field' | 'replacement-choice' | 'kept';
export type TokenKind = 'unknown' | 'custom' | 'it-glue' | 'ninja-rmm' | 'pax8' | 'zapier';
export type Place = 'this-tab' | 'earlier-in-tab' | 'this-site' | 'elsewhere';
export type DoneDecision = 'confirm' | 'allow' | 'kept';
/** A way out of a reveal, as the content script saw it (`reveal::life`). */
export type Exit = 'activate' | 'escape' | 'backdrop' | 'submit' | 'link' | 'removed';
export type CopiedBy = 'keyshift' | 'user' | 'page';
export type Rank = 'judged' | 'confirmed';
export type Locked = 'captureTokens' | 'holdMinutes' | 'clearClipboard' | 'clearAfterSeconds' | 'extraHosts' | 'forgetAfterFill' | 'remindBeforeExpiry';
export type Evidence =
  | 'just-submitted' | 'reveal-address' | 'reveal-heading' | 'once-text' | 'done-nearby' | 'shown-as-value'
  | 'in-prose' | 'in-code-sample' | 'in-discussion' | 'on-docs-page' | 'on-echo-page'
  | 'hidden' | 'echoes-address' | 'foreign-frame' | 'attribute-only' | 'words-in-value';

/** What the content script reads closely (`extension/content/reading.json`, kept in step
 * with the engine's `scan::READING` by a test). */
export interface Reading { minLen: number; marks: string[]; }
export interface Point { seg: number; at: number; }
export interface Span { start: Point; end: Point; }
export type TimeUnit = 'second' | 'minute' | 'hour';
export type Param =
  | { date: string }
  | { count: number }
  | { days: number }
  | { duration: { value: number; unit: TimeUnit } }
  | { name: string }
  /** One of Keyshift's own words (a message id), where the page's own label is not known. */
  | { word: string };
export interface Message { id: string; params: Param[]; }
export interface Action { label: Message; href: string; kind: TokenKind; }
export interface Note {
  block: number;
  span: Span;
  kind: NoteKind;
  message: Message;
  action: Action | null;
  dismiss: string | null;
  capture: number | null;
  copyFailed: string | null;
  /** Offer "Fill held token": the note is beside the field the token goes in. */
  fill: boolean;
  /** A warning in a list's row: drawn on one line. */
  compact: boolean;
}
/** One line above a list with several warnings, placed before the list holding `block`. */
export interface Summary { block: number; parts: Message[]; }
/** Every way out of a reveal to hold back while its token is neither copied nor left:
 * `exits` (controls), Escape and the backdrop when `dialog`, a form sent or a link that
 * leaves within `region` (null: the page). `copies`: the page's own copy controls. */
export interface DoneGuard {
  control: number | null;
  capture: number | null;
  region: number | null;
  exits: number[];
  copies: number[];
  dialog: boolean;
  /** What the page calls its way on (its own label, or Keyshift's word for Done). */
  done: Param;
}
export interface Watch { controls: Array<[number, TokenKind]>; name: number | null; submits: boolean; }
export interface Verdict { reveal: boolean; rank: Rank; score: number; region: number | null; evidence: Evidence[]; }
export interface BlockError { block: number; error: string; message: string; }
export interface Plan {
  page: PageKind;
  notes: Note[];
  done: DoneGuard | null;
  watch: Watch | null;
  verdict: Verdict | null;
  errors: BlockError[];
  summary: Summary | null;
  /** The page's own colour scheme, which the notes take. */
  theme: Theme;
}
export type Theme = 'light' | 'dark' | 'system';
export interface HeldView {
  id: number;
  masked: string;
  origin: string;
  name: string | null;
  kind: TokenKind;
  place: Place;
  capturedAt: number;
  expiresInMs: number;
  copied: boolean;
  filled: boolean;
  confirmed: boolean;
}

export interface PlanReply { plan: Plan; }
export interface CopiedReply { said: Message; }
export interface DoneReply { decision: DoneDecision; }
export interface HeldReply { held: HeldView[]; }
export interface PopupReply { held: HeldView[]; settings: Settings; locked: Locked[]; enabled: boolean; flagged: number; fillHere: boolean; health: HealthView[]; }
/** What needs doing about a token, worst first. */
export type Problem = 'legacy' | 'expired' | 'expires-in-a-day' | 'expires-in-a-week' | 'expires-in-a-month' | 'never-expires' | 'all-permissions';
export interface HealthLine { problem: Problem; names: string[]; }
/** An account's token health, from its token list as last read (`readOn`, YYYY-MM-DD). */
export interface HealthView { origin: string; readOn: string; tokens: number; needsAction: number; lines: HealthLine[]; }
export interface CsvReply { csv: string; }
export interface RevealedReply { token: string; }
export interface SettingsReply { settings: Settings; locked: Locked[]; }
/** A dismissed legacy-key warning; `host` and `on` are null for ones stored by older versions. */
export interface Dismissal { fingerprint: string; host: string | null; on: string | null; }
export interface DismissedReply { dismissed: Dismissal[]; }
export interface VerdictReply { page: PageKind | null; verdict: Verdict | null; }
export interface ClipboardReply { clear: boolean; }
export interface FilledReply { forgotten: boolean; }
export type Reply =
  | PlanReply | CopiedReply | DoneReply | HeldReply | PopupReply | RevealedReply
  | SettingsReply | DismissedReply | VerdictReply | ClipboardReply | FilledReply | CsvReply | NoFields;

/** What `storage.session` holds; the shell stores it and hands it back, never reads it. */
export type Session = Record<string, unknown>;

/** `kept`: a new token from this tab is held (green); `flagged`: warnings on its page (amber). */
export type BadgeKind = 'kept' | 'flagged' | 'none';
export interface Badge { tab: number; kind: BadgeKind; count: number; title: Message; }

export interface Effects {
  session: Session | null;
  settings: Settings | null;
  /** Match patterns of the custom domains in force (the engine writes them). */
  hostPatterns: string[] | null;
  /** The toolbar's badge and tooltip for each tab the engine knows. */
  badges: Badge[] | null;
  dismissed: Dismissal[] | null;
  /** What each account's token list last said: local storage, trusted contexts only. */
  health: unknown[] | null;
  salt: string | null;
  alarmAt: number | null;
  readClipboard: boolean;
  /** Open Keyshift's fill window over this tab. */
  openFill: number | null;
  /** Reminders to show as notifications now. */
  notify: Notice[] | null;
}
/** A reminder: titled `reminderTitle` with `name` and `account`; a click opens `url`. */
export interface Notice { id: string; name: string; account: string; message: Message; url: string; }

export interface Outcome<R = Reply> { reply: R; effects: Effects; }

/** What the shell answers a message with. */
export type Answer = { ok: Reply } | { error: { name: string; message: string; text?: string } };

// ---- the extension's pages → a tab's content script (`content/pages.js`) ------------
// `contract::tab` in Rust; `tab::tests` and `messages::tests` keep the two in step.

/** How the script checks the field is still the one described, in the approved document. */
export interface Expect { kind: string; name: string | null; origin: string; doc: string; }
export interface MarkBody { at: number; expect: Expect; on: boolean; label: string; }
export interface FillBody { at: number; expect: Expect; value: string; }
export type TabRequest =
  | { 'report': boolean }
  | { 'fields': NoFields }
  | { 'mark': MarkBody }
  | { 'fill': FillBody };
export type FillResult = 'filled' | 'changed' | 'refused';
/** `fields` and `report` answer `{ page }`; `fill` and `mark` answer `{ result }`. */
export interface PageAnswer { page: unknown; }
export interface ResultAnswer { result: FillResult | boolean; }

// ---- the background → Chrome's offscreen clipboard document -------------------------

export type OffscreenRequest = { offscreen: 'read' | 'clear' };
export type OffscreenReply = { text: string } | { cleared: true };

// ---- the engine's own arguments -------------------------------------------------------

/** `new Engine(init)`: what the shell loaded from storage, and who Keyshift is. */
export interface Init {
  selfId: string;
  selfOrigin: string;
  salt?: unknown;
  settings?: unknown;
  managed?: unknown;
  dismissed?: unknown;
  health?: unknown;
  session?: unknown;
  suffixes?: string;
}

/** A message's sender, as `runtime.onMessage` gives it. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: number;
  frame?: number;
  tabUrl?: string;
}

/** What the engine throws: named after the Rust error, with the `_locales` id to show and
 * what the shell must still apply. */
export interface EngineError extends Error {
  text: string;
  effects?: Effects;
}
