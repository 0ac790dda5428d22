// Packages the extension as a .vsix with @vscode/vsce, the way `npm run package` does, so the
// UI suite tests the very artifact users install. $VSIX skips packaging and uses that file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './codeServer';

export function packageVsix(outDir: string): string {
  if (process.env.VSIX) {
    if (!existsSync(process.env.VSIX)) throw new Error(`VSIX=${process.env.VSIX} does not exist`);
    return process.env.VSIX;
  }
  const target = join(outDir, 'lync-port-planner.vsix');
  const vsce = join(REPO, 'node_modules/@vscode/vsce/vsce');
  // The same flags as `npm run package`. Without a repository URL vsce cannot rewrite the README's
  // relative image links (docs/*.png) and would refuse to package.
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', target],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`vsce package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return target;
}
