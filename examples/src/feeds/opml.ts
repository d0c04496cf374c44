// Streaming OPML 1.0/2.0 parser: one outline at a time, with its folder path and line (issue #1).
export interface Outline {
  title: string;
  xmlUrl: string;
  htmlUrl?: string;
  folder: string[];
  line: number;
}
