import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { allCatalogRows, CATALOG, findCatalogRow, SOURCES, parseServiceText } from '../../../server/src/engine/index';
import type { CatalogRow, EndpointSelector, Product } from '../../../server/src/engine/index';
import { countRowReads } from '../../support/catalogReads';
import { parseCsvRecords } from '../../support/csv';
import { REPO } from '../../support/examples';

// The catalog against its sources: every row cites Microsoft pages, and every row that
// ../shared/port-rules.csv also lists agrees with it (transport, port, direction, firewall,
// products, protocol, security, endpoints and source keys).

const CSV_PATH = join(REPO, '../shared/port-rules.csv');

function csvProducts(versions: string): Product[] {
  const out = new Set<Product>();
  for (const version of versions.split(',').map((item) => item.trim())) {
    if (version === 'L2013') out.add('lync2013');
    else if (version === 'SfB2015') out.add('sfb2015');
    else if (version === 'SfB') {
      out.add('sfb2015');
      out.add('sfb2019');
    } else throw new Error(`unknown version '${version}' in port-rules.csv`);
  }
  return [...out];
}

/**
 * Which Edge interface (or role) a CSV endpoint text names, in our selector terms; undefined for "Any" and the like.
 */
function csvEndpoint(text: string): { role: string; interface?: string } | undefined {
  if (/^Any\b/.test(text)) return undefined;
  if (/Access Edge/i.test(text)) return { role: 'edge', interface: 'accessEdge' };
  if (/Web Conferencing Edge/i.test(text)) return { role: 'edge', interface: 'webConferencingEdge' };
  if (/A\/V Edge/i.test(text)) return { role: 'edge', interface: 'avEdge' };
  if (/Edge internal/i.test(text)) return { role: 'edge', interface: 'internal' };
  if (/^Reverse proxy/i.test(text)) return { role: 'reverseProxy' };
  if (/Office Web Apps/i.test(text)) return { role: 'officeWebApps' };
  if (/FE|Front End|Director/.test(text)) return { role: 'frontEnd' };
  return undefined;
}

function selectorMatches(
  selector: EndpointSelector,
  expected: ReturnType<typeof csvEndpoint>,
  csvText: string,
): boolean {
  if (expected === undefined) {
    // "Any (can be defined as ...)": the catalog may name the servers; a bare "Any" is any.
    return selector.kind === 'any' || /^Any \(/.test(csvText);
  }
  if (expected.role === 'frontEnd')
    return selector.kind === 'nextHop' || (selector.kind === 'servers' && selector.role === 'frontEnd');
  if (selector.kind === 'any' || selector.kind === 'nextHop') return false;
  return (
    selector.role === expected.role &&
    (expected.interface === undefined || (selector.kind === 'interface' && selector.interface === expected.interface))
  );
}

describe('catalog rows cite their sources', () => {
  const rows = allCatalogRows();
  test('row ids are unique', () => {
    const ids = rows.map((row) => row.id);
    assert.deepEqual(
      ids.filter((id, k) => ids.indexOf(id) !== k),
      [],
    );
  });
  test('a row is found by its id without reading the features again (the ids are indexed once)', () => {
    const ids = [...rows.map((row) => row.id), 'none'];
    const { result, reads } = countRowReads(() => ids.map((id) => findCatalogRow(id)));
    const expected = [...rows, undefined];
    assert.ok(result.every((row, k) => row === expected[k]));
    assert.equal(reads, 0);
  });
  test("the list of every row is the caller's own: changing it changes no later list", () => {
    const first = allCatalogRows();
    first.length = 0;
    assert.deepEqual(allCatalogRows(), rows);
    assert.deepEqual(
      allCatalogRows(),
      CATALOG.flatMap((feature) => feature.rows),
    );
  });
  test('every feature borrows only rows that exist', () => {
    for (const feature of CATALOG)
      for (const id of feature.alsoRequires ?? [])
        assert.ok(findCatalogRow(id), `${feature.name} borrows unknown row ${id}`);
  });
  for (const row of rows) {
    test(`${row.id} ${row.service} (${row.feature})`, () => {
      assert.ok(row.sources.length > 0, 'no source');
      for (const source of row.sources) {
        assert.equal(SOURCES[source.key as keyof typeof SOURCES], source, `source ${source.key} is not in sources.ts`);
        assert.ok(source.title.length > 10, `source ${source.key} has no title`);
        assert.match(
          source.url,
          /^https:\/\/learn\.microsoft\.com\/en-us\//,
          `source ${source.key}: not a learn.microsoft.com URL`,
        );
      }
      const parsed = parseServiceText(row.service);
      assert.ok(parsed.ok, `service '${row.service}' does not parse`);
      if (parsed.ok) {
        assert.deepEqual(parsed.term.transports, [row.transport]);
        assert.deepEqual(parsed.term.ports, row.ports);
      }
      assert.ok(row.products.length > 0);
      assert.ok(row.ruleName && row.comment, 'rule name and comment');
      assert.ok(
        row.firewall ===
          (row.direction === 'inbound'
            ? row.source.kind === 'any' && row.source.zone === 'external'
              ? 'external'
              : row.firewall
            : row.firewall),
      );
    });
  }
});

// ../shared sits beside the clone in CI and here; without it this suite must fail, not skip.
describe('catalog rows agree with ../shared/port-rules.csv', () => {
  const csv = existsSync(CSV_PATH) ? parseCsvRecords(readFileSync(CSV_PATH, 'utf8')) : [];
  test('the CSV has rows and every CSV row is in the catalog', () => {
    assert.ok(existsSync(CSV_PATH), `${CSV_PATH} is missing: the catalog cannot be compared with its facts`);
    assert.ok(csv.length >= 30, `only ${csv.length} rows read`);
    // E01 (XMPP inbound on the consolidated-edge page) is X1; I01 is X3.
    const missing = csv.map((line) => line.id).filter((id) => !findCatalogRow(id));
    assert.deepEqual(missing, []);
  });
  for (const line of csv) {
    const row: CatalogRow | undefined = findCatalogRow(line.id);
    if (!row) continue;
    test(
      `${line.id}: ${line.app_protocol}/${line.transport}/${line.port} ` +
        `${line.direction_rel_edge_or_rp} on the ${line.firewall} firewall`,
      () => {
        assert.equal(row.transport, line.transport.toLowerCase(), 'transport');
        const [from, to] = line.port.split('-').map(Number);
        assert.deepEqual(row.ports, [{ from, to: to ?? from }], 'port');
        assert.equal(row.direction, line.direction_rel_edge_or_rp, 'direction');
        assert.equal(row.firewall, line.firewall, 'firewall');
        assert.ok(
          row.service.toUpperCase().startsWith(line.app_protocol.toUpperCase()),
          `protocol: ${row.service} vs ${line.app_protocol}`,
        );
        if (line.security)
          assert.ok(row.service.split('/').includes(line.security), `security ${line.security} not in ${row.service}`);
        const expected = csvProducts(line.versions);
        for (const product of expected)
          assert.ok(row.products.includes(product), `${product} missing from the row's products`);
        const extra = row.products.filter((product) => !expected.includes(product));
        if (extra.length > 0)
          assert.ok(
            row.sources.some((source) => source.key.startsWith('S-')),
            `products ${extra.join(', ')} beyond the CSV need a Skype for Business source`,
          );
        for (const key of line.source_key.split(';'))
          assert.ok(
            row.sources.some((source) => source.key === key),
            `source ${key} not cited`,
          );
        assert.ok(
          selectorMatches(row.source, csvEndpoint(line.source), line.source),
          `source endpoint '${line.source}' vs ${JSON.stringify(row.source)}`,
        );
        assert.ok(
          selectorMatches(row.destination, csvEndpoint(line.destination), line.destination),
          `destination endpoint '${line.destination}' vs ${JSON.stringify(row.destination)}`,
        );
        if (/OCS 2007/.test(line.condition))
          assert.equal(row.condition?.setting, 'ocs2007Federation', 'OCS 2007 rows depend on edge.ocs2007Federation');
        if (/optional/i.test(line.condition) && line.id.startsWith('R'))
          assert.equal(row.condition?.setting, 'publishHttp', 'optional reverse proxy rows depend on edge.publishHttp');
        if (/not internal VIP|never VIP/.test(`${line.destination} ${line.topology}`))
          assert.equal(row.perNode, true, 'per-node row');
      },
    );
  }
});
