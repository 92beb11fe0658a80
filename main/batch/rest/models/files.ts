import type { DateTimeString, Int64 } from './common';

/** FileProperties. */
export interface FileProperties {
  creationTime?: DateTimeString;
  lastModified: DateTimeString;
  contentLength: Int64;
  contentType?: string;
  fileMode?: string;
}

/** BatchNodeFile: an entry of a node or task file listing. */
export interface BatchNodeFile {
  name?: string;
  url?: string;
  isDirectory?: boolean;
  properties?: FileProperties;
}

/** What the HEAD of a file (and the headers of its GET) say about it. */
export interface NodeFileHeaders {
  /** Total size in bytes (for a ranged GET, the size of the range sent). */
  contentLength: number;
  isDirectory: boolean;
  creationTime?: string;
  lastModified?: string;
  fileMode?: string;
  fileUrl?: string;
}

/** A file's bytes (the whole file or the requested range) with its headers. */
export interface NodeFileContent extends NodeFileHeaders {
  content: Buffer;
}
