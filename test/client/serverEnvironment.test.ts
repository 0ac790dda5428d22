// The environment the client starts the language server with: glibc malloc's settings
// (client/src/serverEnvironment.ts), which a user's own setting of the same variable overrides.
import assert from 'node:assert/strict';
import Module, { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { SERVER_MALLOC_ENV, serverEnvironment } from '../../client/src/serverEnvironment';

type Launch = { module: string; options?: { env?: Record<string, string>; execArgv?: string[] } };

/** client/src/languageClient.ts, loaded with a stand-in for the `vscode` module it needs to load. */
function languageClientModule(): typeof import('../../client/src/languageClient') {
  const stub: object = new Proxy(function () {}, {
    get: (_, key) => (key === 'prototype' ? {} : stub),
    apply: () => stub,
    construct: () => stub,
  });
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = function (this: unknown, request, ...rest) {
    return request === 'vscode' ? stub : load.call(this, request, ...rest);
  };
  try {
    return createRequire(__filename)('../../client/src/languageClient');
  } finally {
    loader._load = load;
  }
}

describe('server environment', () => {
  test('adds every malloc setting the environment does not have, and only those', () => {
    assert.deepEqual(serverEnvironment({ PATH: '/usr/bin' }), SERVER_MALLOC_ENV);
    assert.ok(Object.keys(SERVER_MALLOC_ENV).length > 0);
    for (const name of Object.keys(SERVER_MALLOC_ENV)) {
      const added = serverEnvironment({ [name]: '7' });
      assert.equal(added[name], undefined, `${name} set by the user is not overwritten`);
      assert.equal(Object.keys(added).length, Object.keys(SERVER_MALLOC_ENV).length - 1);
    }
  });

  test('the client starts the server with it, in a run and in a debug session', () => {
    const { serverOptions } = languageClientModule();
    const options = serverOptions('/ext/dist/server.js', {}) as { run: Launch; debug: Launch };
    for (const launch of [options.run, options.debug]) {
      assert.equal(launch.module, '/ext/dist/server.js');
      assert.deepEqual(launch.options?.env, SERVER_MALLOC_ENV);
    }
    assert.deepEqual(options.debug.options?.execArgv, ['--nolazy', '--inspect=6019']);
    // vscode-languageclient writes options.env over its copy of process.env: one left out keeps the user's value.
    const name = Object.keys(SERVER_MALLOC_ENV)[0];
    const own = serverOptions('/ext/dist/server.js', { [name]: '7' }) as { run: Launch; debug: Launch };
    assert.equal(own.run.options?.env?.[name], undefined);
    assert.equal(own.debug.options?.env?.[name], undefined);
  });
});
