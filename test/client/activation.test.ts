// When the extension starts its language server (client/src/activation.ts), in plain Node: the
// decision is pure, so every case is checked here; the in-host suites check that VS Code agrees
// (test/ext/suite/01-activation.test.ts for the globs, test/ext/lazy for a workspace without
// topology files). The globs themselves: filesGlobs.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DocumentInfo, firstTopologyDocument, shouldStartServer } from '../../client/src/activation';

const yaml = (path: string, firstLine = 'key: value'): DocumentInfo => ({ languageId: 'yaml', path, firstLine });
const noSettings = { files: [], folders: ['/ws'] };

describe('shouldStartServer', () => {
  test('a plain YAML file in a workspace without topology files starts nothing', () => {
    assert.equal(
      shouldStartServer([yaml('/ws/docker-compose.yaml'), yaml('/ws/.github/workflows/ci.yml')], noSettings, false),
      false,
    );
    assert.equal(shouldStartServer([], noSettings, false), false);
    // Other languages neither.
    assert.equal(
      shouldStartServer(
        [
          { languageId: 'json', path: '/ws/package.json' },
          { languageId: 'markdown', path: '/ws/README.md', firstLine: '# lync-topology' },
        ],
        noSettings,
        false,
      ),
      false,
    );
  });

  test('a lync-topology document starts the server (*.topology.yaml, untitled, New Topology File)', () => {
    assert.equal(
      shouldStartServer(
        [yaml('/ws/a.yaml'), { languageId: 'lync-topology', path: '/ws/edge.topology.yaml' }],
        noSettings,
        false,
      ),
      true,
    );
    assert.equal(shouldStartServer([{ languageId: 'lync-topology', path: 'Untitled-1' }], noSettings, false), true);
  });

  test('a YAML file whose first line is the marker starts it (it is about to become lync-topology)', () => {
    assert.equal(shouldStartServer([yaml('/ws/fw.yaml', '# lync-topology')], noSettings, false), true);
    assert.equal(shouldStartServer([yaml('/ws/fw.yaml', '#lync-topology v1')], noSettings, false), true);
    assert.equal(
      shouldStartServer([yaml('/ws/fw.yaml', '# lync-topologyX')], noSettings, false),
      false,
      'a word boundary after the marker',
    );
    assert.equal(
      shouldStartServer([yaml('/ws/fw.yaml', 'x: 1 # lync-topology')], noSettings, false),
      false,
      'only at the start of the line',
    );
    assert.equal(shouldStartServer([yaml('/ws/fw.yaml', undefined)], noSettings, false), false);
  });

  test('a YAML file matched by lyncPorts.files starts it, others do not', () => {
    const settings = { files: ['firewalls/*.yaml'], folders: ['/ws'] };
    assert.equal(shouldStartServer([yaml('/ws/firewalls/edge.yaml')], settings, false), true);
    assert.equal(
      shouldStartServer([yaml('/ws/firewalls/sub/edge.yaml')], settings, false),
      false,
      '* stays within a folder',
    );
    assert.equal(shouldStartServer([yaml('/ws/other/edge.yaml')], settings, false), false);
    const edge = [yaml('/ws/firewalls/edge.yaml')];
    const notAList = { files: 'firewalls/*.yaml', folders: ['/ws'] };
    assert.equal(shouldStartServer(edge, notAList, false), false, 'a setting that is not an array is ignored');
    assert.equal(shouldStartServer(edge, { files: [42, '', '  '], folders: ['/ws'] }, false), false);
  });

  test('a workspace with topology files starts it whatever is open', () => {
    assert.equal(shouldStartServer([], noSettings, true), true);
    assert.equal(shouldStartServer([yaml('/ws/a.yaml')], noSettings, true), true);
  });

  test('firstTopologyDocument names the document that decided', () => {
    const documents = [
      yaml('/ws/a.yaml'),
      yaml('/ws/b.yaml', '# lync-topology'),
      { languageId: 'lync-topology', path: '/ws/c.topology.yaml' },
    ];
    assert.equal(firstTopologyDocument(documents, noSettings)?.path, '/ws/b.yaml');
    assert.equal(firstTopologyDocument([yaml('/ws/a.yaml')], noSettings), undefined);
  });
});
