// Grouping accuracy (GA) as defined by Zhu et al., "Tools and Benchmarks for Automated Log
// Parsing" (ICSE-SEIP 2019): a message is grouped correctly iff the set of messages in its
// predicted group is exactly the set in its ground-truth group. GA = correct messages / all.

export interface GroupingScore {
  messages: number;
  correct: number;
  ga: number;
  predictedGroups: number;
  truthGroups: number;
}

/** `predicted[i]` and `truth[i]` are the group labels of message i. */
export function groupingAccuracy(predicted: readonly string[], truth: readonly string[]): GroupingScore {
  if (predicted.length !== truth.length) throw new Error(`groupingAccuracy: ${predicted.length} predictions for ${truth.length} labels`);
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  // Per predicted group: its size and the one truth label of all its messages (null once mixed).
  const groups = new Map<string, { size: number; label: string | null }>();
  for (let i = 0; i < predicted.length; i++) {
    const g = groups.get(predicted[i]);
    if (g === undefined) groups.set(predicted[i], { size: 1, label: truth[i] });
    else {
      g.size++;
      if (g.label !== truth[i]) g.label = null;
    }
  }
  let correct = 0;
  // A pure group is correct only when it holds the whole truth group (no truth group is split).
  for (const g of groups.values()) if (g.label !== null && truthSize.get(g.label) === g.size) correct += g.size;
  const messages = predicted.length;
  return { messages, correct, ga: messages === 0 ? 1 : correct / messages, predictedGroups: groups.size, truthGroups: truthSize.size };
}
