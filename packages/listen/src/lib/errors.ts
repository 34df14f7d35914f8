/** Why the audio could not be listened to. The episode's times then stay estimated. */
export type ListenProblem = 'no-engine' | 'language' | 'unreadable' | 'silent' | 'no-words'

export class ListenError extends Error {
  readonly problem: ListenProblem
  constructor(problem: ListenProblem, message: string) {
    super(message)
    this.name = 'ListenError'
    this.problem = problem
  }
}
