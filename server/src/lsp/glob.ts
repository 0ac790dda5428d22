// The `lyncPorts.files` globs, in the subset of VS Code's glob syntax people write in settings:
// `*`, `**`, `?`, `{a,b}` and `[abc]`. A pattern without `/` matches the file name anywhere, as
// `files.associations` does; one with `/` matches the path relative to the workspace folder.

const cache = new Map<string, RegExp>();

export function globToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a trailing `**` anything below.
        const slash = pattern[i + 2] === '/';
        source += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') source += '[^/]';
    else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) source += '|';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) source += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\').replace(/^!/, '^');
        source += `[${body}]`;
        i = close;
      }
    } else source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  source += ')'.repeat(braces);
  const regexp = new RegExp(`^${source}$`);
  cache.set(pattern, regexp);
  return regexp;
}

/** `relativePath` uses `/` separators and is relative to the workspace folder. */
export function matchesGlob(pattern: string, relativePath: string): boolean {
  const trimmed = pattern.replace(/^\.\//, '');
  if (!trimmed) return false;
  const subject = trimmed.includes('/') ? relativePath : relativePath.slice(relativePath.lastIndexOf('/') + 1);
  try {
    return globToRegExp(trimmed).test(subject);
  } catch {
    // A malformed pattern in the user's settings matches nothing rather than breaking the server.
    return false;
  }
}
