/**
 * Answers remembered per request text. Clients send the same few operations again and again, so work that depends on
 * a request's text alone (its token count, whether it defers its session check) is done once per text. Bounded: at
 * most `maxTexts` texts of at most `maxLength` characters each (a longer one is worked out every time); when full, it
 * starts over.
 */
export class TextMemory<V> {
  private readonly answers = new Map<string, V>();

  constructor(
    private readonly maxTexts = 1_000,
    private readonly maxLength = 10_000,
  ) {}

  get(text: string): V | undefined {
    return this.answers.get(text);
  }

  remember(text: string, answer: V): void {
    if (text.length > this.maxLength) return;
    if (this.answers.size >= this.maxTexts) this.answers.clear();
    this.answers.set(text, answer);
  }
}
