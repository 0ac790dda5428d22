import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ImportError, importTopologyXml } from '../../../server/src/engine/index';

// What is refused, and how: a DTD before the parser sees it (so no entity is ever expanded or
// fetched), malformed XML with its line and column, any other document by its root.

function refusal(xml: string): ImportError {
  try {
    importTopologyXml(xml);
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  assert.fail('the XML was imported');
}

const TOPOLOGY_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008';

describe('import refuses', () => {
  test('a billion laughs: the DOCTYPE, at its line, in one line', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, k) => ` <!ENTITY lol${k + 1} "${`&lol${k || ''};`.repeat(10)}">`),
      ']>',
      `<Topology xmlns="${TOPOLOGY_NS}">&lol9;</Topology>`,
    ].join('\n');
    const error = refusal(lol);
    assert.equal(error.kind, 'doctype');
    assert.deepEqual([error.line, error.column], [2, 1]);
    assert.equal(error.message.split('\n').length, 1);
    assert.match(error.message, /^line 2, column 1: the file declares a DOCTYPE; .*DTDs are refused unread/);
  });

  test('an external entity (XXE) and a DOCTYPE in any case or place', () => {
    const xxe = `<?xml version="1.0"?>\n  <!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Topology xmlns="${TOPOLOGY_NS}">&x;</Topology>`;
    assert.deepEqual([refusal(xxe).kind, refusal(xxe).line, refusal(xxe).column], ['doctype', 2, 3]);
    const late = `<Topology xmlns="${TOPOLOGY_NS}">\n</Topology>\n<!doctype x>`;
    assert.deepEqual([refusal(late).kind, refusal(late).line], ['doctype', 3]);
    const entity = `<Topology xmlns="${TOPOLOGY_NS}"><!ENTITY x "y"></Topology>`;
    assert.equal(refusal(entity).kind, 'entity');
  });

  test('malformed XML, with the line and column where the parser stopped', () => {
    const error = refusal(`<Topology xmlns="${TOPOLOGY_NS}">\n  <Clusters>\n  </Cluster>\n</Topology>`);
    assert.equal(error.kind, 'malformed');
    assert.equal(error.line, 3);
    assert.match(error.message, /^line 3, column \d+: unexpected close tag/);
    assert.equal(refusal('').kind, 'malformed');
    assert.equal(refusal('just text').kind, 'malformed');
    assert.match(refusal(`<Topology xmlns="${TOPOLOGY_NS}" a="1" a="2"/>`).message, /^line 1, column \d+: /);
  });

  test('foreign XML: another root, the right name in another namespace, a wrapper without a topology', () => {
    const html = refusal('<html><body/></html>');
    assert.equal(html.kind, 'foreign');
    assert.match(html.message, /^line 1, column 1: the root element is <html> in no namespace: not a topology/);
    assert.match(refusal('<Topology xmlns="urn:other"/>').message, /<Topology> in namespace urn:other/);
    const wrapper = refusal(
      '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008">' +
        '<NewTopology/></TopologyBuilder>',
    );
    assert.equal(wrapper.kind, 'incomplete');
  });
});

describe('import accepts', () => {
  test('a byte order mark and an empty topology (a file with no servers, no features, no firewalls)', () => {
    const { yaml, description } = importTopologyXml(`\uFEFF<Topology xmlns="${TOPOLOGY_NS}"/>`);
    assert.deepEqual(description.servers, []);
    assert.match(yaml, /^# Imported by lync-ports import/);
    assert.doesNotMatch(yaml, /firewalls:/);
  });

  test('names and comments that could break the YAML are quoted and kept to one line', () => {
    const site = '<Sites><CentralSite SiteId="1"><Name>yes: #1 "HQ"</Name></CentralSite></Sites>';
    const xml = `<Topology xmlns="${TOPOLOGY_NS}">${site}</Topology>`;
    const { yaml } = importTopologyXml(xml, { source: 'a\nb.xml' });
    assert.match(yaml, /^# Imported from a b\.xml by/);
    assert.match(yaml, /\n {2}name: "yes: #1 \\"HQ\\""\n/);
  });
});
