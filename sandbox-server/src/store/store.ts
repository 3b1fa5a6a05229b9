// Server-side state in one SQLite file (node:sqlite): learners, which sandbox
// each one owns, their progress, and the values set-ups record for checks.
import { DatabaseSync } from 'node:sqlite';

export interface SandboxRecord {
  learnerId: string;
  containerId: string;
  createdAt: number;
  lastUsedAt: number;
}

export interface ProgressRecord {
  lessonId: string;
  exerciseId: string;
  passedAt: number;
}

export class Store {
  private readonly db: DatabaseSync;

  constructor(path: string) {
    this.db = new DatabaseSync(path);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS learners (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS sandboxes (
        learner_id TEXT PRIMARY KEY REFERENCES learners(id),
        container_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS progress (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson_id TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        passed_at INTEGER NOT NULL,
        PRIMARY KEY (learner_id, lesson_id, exercise_id));
      CREATE TABLE IF NOT EXISTS setup_values (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson_id TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        container_id TEXT NOT NULL,
        values_json TEXT NOT NULL,
        PRIMARY KEY (learner_id, lesson_id, exercise_id));
    `);
  }

  addLearner(id: string, now = Date.now()): void {
    this.db.prepare('INSERT OR IGNORE INTO learners (id, created_at) VALUES (?, ?)').run(id, now);
  }

  hasLearner(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM learners WHERE id = ?').get(id) !== undefined;
  }

  sandboxOf(learnerId: string): SandboxRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sandboxes WHERE learner_id = ?').get(learnerId) as Record<string, any> | undefined;
    return row && { learnerId: row.learner_id, containerId: row.container_id, createdAt: row.created_at, lastUsedAt: row.last_used_at };
  }

  allSandboxes(): SandboxRecord[] {
    return (this.db.prepare('SELECT * FROM sandboxes').all() as Record<string, any>[]).map((row) => ({
      learnerId: row.learner_id, containerId: row.container_id, createdAt: row.created_at, lastUsedAt: row.last_used_at,
    }));
  }

  assignSandbox(learnerId: string, containerId: string, createdAt: number, now = Date.now()): void {
    this.db.prepare('INSERT OR REPLACE INTO sandboxes (learner_id, container_id, created_at, last_used_at) VALUES (?, ?, ?, ?)')
      .run(learnerId, containerId, createdAt, now);
  }

  touchSandbox(learnerId: string, now = Date.now()): void {
    this.db.prepare('UPDATE sandboxes SET last_used_at = ? WHERE learner_id = ?').run(now, learnerId);
  }

  forgetSandbox(containerId: string): void {
    this.db.prepare('DELETE FROM sandboxes WHERE container_id = ?').run(containerId);
  }

  recordPass(learnerId: string, lessonId: string, exerciseId: string, now = Date.now()): number {
    // The first pass is the one that counts; checking again later keeps its date.
    this.db.prepare('INSERT OR IGNORE INTO progress (learner_id, lesson_id, exercise_id, passed_at) VALUES (?, ?, ?, ?)')
      .run(learnerId, lessonId, exerciseId, now);
    const row = this.db.prepare('SELECT passed_at FROM progress WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ?')
      .get(learnerId, lessonId, exerciseId) as { passed_at: number };
    return row.passed_at;
  }

  progressOf(learnerId: string, lessonId: string): ProgressRecord[] {
    return (this.db.prepare('SELECT exercise_id, passed_at FROM progress WHERE learner_id = ? AND lesson_id = ?')
      .all(learnerId, lessonId) as Record<string, any>[]).map((row) => ({ lessonId, exerciseId: row.exercise_id, passedAt: row.passed_at }));
  }

  saveSetupValues(learnerId: string, lessonId: string, exerciseId: string, containerId: string, values: Record<string, string>): void {
    this.db.prepare('INSERT OR REPLACE INTO setup_values (learner_id, lesson_id, exercise_id, container_id, values_json) VALUES (?, ?, ?, ?, ?)')
      .run(learnerId, lessonId, exerciseId, containerId, JSON.stringify(values));
  }

  /** Values recorded in this very sandbox; a set-up done in a sandbox since replaced does not count. */
  setupValues(learnerId: string, lessonId: string, exerciseId: string, containerId: string): Record<string, string> {
    const row = this.db.prepare('SELECT values_json FROM setup_values WHERE learner_id = ? AND lesson_id = ? AND exercise_id = ? AND container_id = ?')
      .get(learnerId, lessonId, exerciseId, containerId) as { values_json: string } | undefined;
    return row ? JSON.parse(row.values_json) : {};
  }

  close(): void {
    this.db.close();
  }
}
