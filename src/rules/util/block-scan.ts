import { type Scan, scanBlocks } from '../../model/scan.js';
import type { SpecDocument } from '../../model/types.js';
import { perDocument } from './memo.js';

/**
 * The block scan of a document (line kinds, list items, container prefixes), for rules that must
 * look at lines the model does not keep — a malformed `-[ ]` is not a checklist item, but only
 * the scan knows it is not inside a code block. The model does not expose its scan, so this scans
 * again: call it only after a cheap test says the document may need it.
 */
export const blockScan = perDocument((doc: SpecDocument): Scan => scanBlocks(doc.text));
