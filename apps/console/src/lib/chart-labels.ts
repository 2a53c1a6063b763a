// Chart axis names that wrap instead of being dropped or cut, so every bar stays named.

/** Words of a label in lines of at most `width` characters: long department and category names wrap instead of being dropped. */
export function wrapLabel(label: string, width = 16, maxLines = 3): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  return [
    ...lines.slice(0, maxLines - 1),
    `${lines
      .slice(maxLines - 1)
      .join(' ')
      .slice(0, width - 1)}…`,
  ];
}
