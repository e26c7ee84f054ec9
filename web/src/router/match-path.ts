export type RouteParams = Record<string, string>;

/**
 * Matches `/console/customers/:customerId` against a path. Returns the decoded parameters,
 * or null when the path has another shape. A trailing slash is ignored.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const patternParts = trimSlashes(pattern).split('/');
  const pathParts = trimSlashes(pathname).split('/');
  if (patternParts.length !== pathParts.length) return null;
  const params: RouteParams = {};
  for (let index = 0; index < patternParts.length; index += 1) {
    const expected = patternParts[index] ?? '';
    const actual = pathParts[index] ?? '';
    if (expected.startsWith(':')) {
      if (actual === '') return null;
      params[expected.slice(1)] = safeDecode(actual);
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
