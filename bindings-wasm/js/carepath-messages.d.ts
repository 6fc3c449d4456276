// Type declarations for carepath-messages.js: the words of the <carepath-assessment> interface.

/** A message: text with `{name}` placeholders, or, for a count `n`, one text per plural category of `Intl.PluralRules` (`other` required). */
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;

/** The English table: every key a table may have. */
export declare const en: Readonly<Record<string, Message>>;

/** A table of messages by key; keys it leaves out fall back to English. */
export type MessageTable = Partial<Record<keyof typeof en | string, Message>>;

/**
 * Adds or changes the table of a language (`fr`, `pt-BR`, or a shipped one such as `cy`); widgets
 * showing that language redraw at once.
 */
export declare function defineMessages(lang: string, table: MessageTable): void;

/** The keys of the English table that a language's table lacks (empty when it is complete). */
export declare function missingMessages(lang: string): string[];

/** Loads a shipped language's table (Welsh, `cy`) if it is not loaded yet; resolves to the table's language. */
export declare function loadMessages(lang: string): Promise<string>;

/** Calls `listener` with the language whenever a table is defined or changed; returns a function that stops it. */
export declare function onMessages(listener: (lang: string) => void): () => boolean;

/** A translator: the text of a key, and number, score, percent and date formats for the language. */
export interface Messages {
  lang: string;
  t(key: string, params?: Record<string, string | number | null | undefined>): string;
  number(n: number): string;
  score(score: number | null | undefined): string;
  percent(x: number): string;
  date(iso: string): string;
  /**
   * Makes the number and date formats now rather than at their first use: the first one a page
   * makes costs tens of milliseconds on a phone, so a form makes them while it waits for files.
   * English and Welsh need none for what a form shows (they are written out): nothing to do.
   */
  warm(): void;
}

/** The translator for a language (English while its table is not loaded). */
export declare function messages(lang: string): Messages;
