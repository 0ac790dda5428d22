import { describeTopology } from './describe';
import type { TopologyDescription } from './description';
import { proposeNetworks } from './networks';
import { topologyElement } from './topologyXml';
import { writeTopologyYaml, type WriteOptions } from './writeYaml';
import { readXml } from './xmlTree';

export interface ImportResult {
  yaml: string;
  description: TopologyDescription;
}

/**
 * A topology file from the XML of Get-CsTopology -AsXml or a Topology Builder .tbxml. Throws an
 * ImportError for a DTD, malformed XML or another kind of document.
 */
export function importTopologyXml(xml: string, options: WriteOptions = {}): ImportResult {
  const description = describeTopology(topologyElement(readXml(xml.replace(/^\uFEFF/, ''))));
  return { yaml: writeTopologyYaml(description, proposeNetworks(description), options), description };
}
