/** Why an edit was refused, in words a steward can act on. */
export function editErrorMessage(error: { code: string; message: string }, namespace: string): string {
  switch (error.code) {
    case 'FORBIDDEN':
      return `Only a steward of ${namespace} can change this; your token has no steward role there.`;
    case 'UNAUTHENTICATED':
      return 'Sign in with an API token that has the steward role to change this.';
    case 'BAD_USER_INPUT':
      return `Not saved: ${error.message.replace(/^bad input:\s*/i, '')}.`;
    case 'NOT_FOUND':
      return `Not saved: ${error.message}.`;
    case 'NETWORK':
      return 'Not saved: the Tributary API cannot be reached.';
    default:
      return `Not saved: ${error.message}`;
  }
}

/** Splits what a person typed into a list: commas or new lines, trimmed, no blanks or repeats. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}
