import { ImportError, importTopologyXml } from '../engine/index';
import type { ExportResult, ImportTopologyParams } from '../shared/protocol';

// "Import Topology Builder Export…": the extension reads the file and sends its text; the engine
// runs here, so the client bundle stays without it.

/** The most the request takes, as `lync-ports import` (a topology export is of kilobytes). */
const MAX_XML_CHARACTERS = 16 * 1024 * 1024;

export function importTopology(params: Partial<ImportTopologyParams>, uri: string): ExportResult {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  if (typeof params.xml !== 'string') return { refused: `Cannot import ${name}: no XML text was sent.` };
  if (params.xml.length > MAX_XML_CHARACTERS)
    return { refused: `Cannot import ${name}: the file is larger than 16 MB.` };
  try {
    return { text: importTopologyXml(params.xml, { source: name }).yaml };
  } catch (error) {
    if (error instanceof ImportError) return { refused: `Cannot import ${name}: ${error.message}` };
    throw error;
  }
}
