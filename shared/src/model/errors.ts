/** Thrown by an operation given input it cannot apply (an unknown lane, an invalid field). */
export class ModelError extends Error {
  override readonly name = 'ModelError';
}
