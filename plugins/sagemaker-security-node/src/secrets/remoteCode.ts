import { SecretFinding } from './detectSecrets';

/**
 * Shell patterns that run code fetched at run time, by kind. A script that
 * pipes a download into a shell runs whatever the server (or anyone on the
 * path) sends, as root, at every start.
 */
const REMOTE_CODE_PATTERNS: Array<{ kind: string; pattern: RegExp }> = [
  {
    kind: 'download piped into a shell',
    pattern:
      /\b(?:curl|wget|fetch)\b[^|#\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|k|da)?sh\b/,
  },
  {
    kind: 'download piped into an interpreter',
    pattern:
      /\b(?:curl|wget)\b[^|#\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:python[0-9.]*|perl|ruby|node)\b/,
  },
  {
    kind: 'shell running a process substitution of a download',
    pattern:
      /\b(?:ba|z|k|da)?sh\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b|\bsource\s+<\(\s*(?:curl|wget)\b|\.\s+<\(\s*(?:curl|wget)\b/,
  },
  {
    kind: 'shell evaluating a download',
    pattern: /\beval\s+["']?\$\(\s*(?:curl|wget)\b/,
  },
  {
    kind: 'package installed from a plain-HTTP URL',
    pattern:
      /\b(?:pip[0-9.]*|conda|npm|yarn)\b[^#\n]*\binstall\b[^#\n]*\bhttp:\/\//,
  },
  {
    kind: 'package installed from a plain-HTTP index',
    pattern:
      /\bpip[0-9.]*\b[^#\n]*\binstall\b[^#\n]*(?:--(?:extra-)?index-url|-i)[\s=]+["']?http:\/\//,
  },
  {
    kind: 'package installed from a raw file URL',
    pattern:
      /\bpip[0-9.]*\b[^#\n]*\binstall\b[^#\n]*https?:\/\/(?:raw\.githubusercontent\.com|gist\.githubusercontent\.com|pastebin\.com)\//,
  },
];

/** A line without its comment (a `#` at the start or after a blank). */
function codeOf(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('#')) return '';
  return line.replace(/\s#.*$/, '');
}

/**
 * Lines of a shell script that run downloaded code: `curl … | bash`,
 * `bash <(curl …)`, `pip install` from a plain-HTTP or raw-file URL. Each
 * found at `<location> line <n>`, with its kind only.
 */
export function findRemoteCodeInScript(
  script: string,
  location: string,
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  script.split(/\r?\n/).forEach((line, index) => {
    const code = codeOf(line);
    if (code.trim() === '') return;
    for (const { kind, pattern } of REMOTE_CODE_PATTERNS) {
      if (pattern.test(code)) {
        findings.push({ location: `${location} line ${index + 1}`, kind });
      }
    }
  });
  return findings;
}
