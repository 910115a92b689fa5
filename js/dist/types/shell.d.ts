/**
 * `@rampart/api/shell`: the shell plugin, which runs the programs the window's shell scope
 * names — by their name in the scope, at the absolute path the scope fixes, with arguments each
 * validated, never through a shell.
 *
 * ```toml
 * permissions = [
 *   { identifier = "shell:allow-execute", allow = [
 *     { name = "git-status", cmd = "/usr/bin/git", args = ["status", "--short"], cwd = "$HOME/src/**" },
 *   ] },
 * ]
 * ```
 *
 * ```ts
 * import { execute, spawn } from "@rampart/api/shell";
 * const { code, stdout } = await execute("git-status", ["status", "--short"], { cwd: "/home/me/src/app" });
 * const child = await spawn("tail-log", ["-f", "/var/log/app.log"], (event) => console.log(event));
 * await child.kill();
 * ```
 *
 * @module
 */
/** What {@link execute} answers. */
export interface Output {
    /** The exit code, or `null` when a signal ended the program. */
    readonly code: number | null;
    /** The signal that ended it, if one did (9 after a timeout or a kill). */
    readonly signal: number | null;
    /** Its standard output, as UTF-8 text (at most 1 MiB). */
    readonly stdout: string;
    /** Its standard error, as UTF-8 text (at most 1 MiB). */
    readonly stderr: string;
    /** Whether more standard output came than was kept. */
    readonly stdoutTruncated: boolean;
    /** Whether more standard error came than was kept. */
    readonly stderrTruncated: boolean;
    /** Whether the timeout ended it. */
    readonly timedOut: boolean;
}
/** Options of {@link execute}. */
export interface ExecuteOptions {
    /** The working directory: the scope rule's `cwd` glob must allow it (default `/`). */
    readonly cwd?: string;
    /** Text written to the program's standard input, which is then closed (at most 1 MiB). */
    readonly stdin?: string;
    /** Kill the program after this many milliseconds. */
    readonly timeoutMs?: number;
}
/** What a spawned program sends: output as it comes, then its end. */
export type ProcessEvent = {
    readonly event: "stdout" | "stderr";
    readonly data: string;
} | {
    readonly event: "exit";
    readonly code: number | null;
    readonly signal: number | null;
};
/** A program started with {@link spawn}. It belongs to this page: it is killed when the page goes away. */
export declare class Child {
    /** The process's id, as the shell plugin gave it. */
    readonly pid: string;
    /** Settles once the `exit` event was delivered. */
    readonly done: Promise<void>;
    /** @internal */
    constructor(pid: string, done: Promise<void>);
    /** Writes `data` to the program's standard input. */
    write(data: string): Promise<void>;
    /** Kills the program; its `exit` event follows. */
    kill(): Promise<void>;
}
/** Runs the program the scope names `program` with `args`, to completion. */
export declare function execute(program: string, args?: readonly string[], options?: ExecuteOptions): Promise<Output>;
/**
 * Starts the program the scope names `program` with `args`; `onEvent` receives its output and
 * its end. Needs `shell:allow-spawn` with the program in its scope.
 */
export declare function spawn(program: string, args: readonly string[], onEvent: (event: ProcessEvent) => void, options?: {
    readonly cwd?: string;
}): Promise<Child>;
