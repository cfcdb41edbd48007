/**
 * The law as data. Every provision the product relies on names its law, the version of the text it was quoted
 * from, when that text is in force, the article (paragraph, item), the exact Chinese words (each line of `text`
 * appears verbatim in that article of the file in ../shared/law/ named by `file`; a test checks it), a plain
 * explanation in Chinese and English, and how far the text was verified. Nothing here is legal advice.
 */

/** official-text: read on an official site · unofficial-copy: a full text from a public mirror · secondary-source: quoted or summarised elsewhere. */
export type VerificationStatus = 'official-text' | 'unofficial-copy' | 'secondary-source';

export interface Law {
  /** Stable key used in code: 'civil-code', 'public-security-2025'… */
  key: string;
  /** The full title, as it is cited. */
  title: string;
  /** The short name used in documents and messages. */
  short: string;
  /** The version of the text quoted: the date of its adoption, revision or publication. */
  version: string;
  /** The day this version came into force, and the last day it was (null: still in force as far as the sources show). */
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The file in ../shared/law/ the words were quoted from. */
  file: string;
  status: VerificationStatus;
  /** What is not verified about this text (its source, its dates). */
  note?: string;
}

export interface Provision {
  /** Stable key: '<law key>:<article number>', e.g. 'civil-code:1195'; '-<paragraph>' where a paragraph is its own entry. */
  id: string;
  law: Law;
  /** As written: 第一千一百九十五条. */
  article: string;
  /** Paragraph (款), counted from 1, where only one is meant. */
  paragraph?: number;
  /** Item (项), counted from 1, where only one is meant. */
  item?: number;
  /** The exact words; several quoted pieces are separated by a line break, each verbatim and in order. */
  text: string;
  explain: { zh: string; en: string };
  /** A different first day of force for this provision than its law's (e.g. a paragraph added by an amendment). */
  effectiveFrom?: string;
}

/** How a provision is cited in an assessment or a document. */
export interface Citation {
  id: string;
  law: string;
  version: string;
  article: string;
}
