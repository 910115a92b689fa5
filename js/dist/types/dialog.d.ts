/**
 * `@rampart/api/dialog`: the desktop's file choosers and message boxes. A path the person picks
 * in {@link open} or {@link save} is granted to this window for the rest of the run — the fs
 * plugin and the asset scheme reach it — as exactly that path (a directory's contents only with
 * `recursive`). Grant `dialog:default`, or single commands.
 *
 * ```ts
 * import { open } from "@rampart/api/dialog";
 * import { readFile } from "@rampart/api/fs";
 * const picked = await open({ filters: [{ name: "Images", extensions: ["png", "jpg"] }] });
 * if (picked) show(await readFile(picked));
 * ```
 *
 * @module
 */
/** A group of files a chooser offers. */
export interface DialogFilter {
    /** What the person sees, such as `Images`. */
    readonly name: string;
    /** Extensions without the dot, such as `["png", "jpg"]`. */
    readonly extensions: readonly string[];
}
/** Options of {@link open}. */
export interface OpenDialogOptions {
    /** The window title. */
    readonly title?: string;
    /** Pick a directory rather than files. */
    readonly directory?: boolean;
    /** Allow picking several. */
    readonly multiple?: boolean;
    /** For a directory: grant what lies beneath it too (not just the directory). */
    readonly recursive?: boolean;
    /** The groups of files offered. */
    readonly filters?: readonly DialogFilter[];
    /** Where the chooser starts (an absolute path). */
    readonly defaultPath?: string;
}
/** Options of {@link save}. */
export interface SaveDialogOptions {
    /** The window title. */
    readonly title?: string;
    /** The groups of files offered. */
    readonly filters?: readonly DialogFilter[];
    /** Where the chooser starts: a folder, or a folder and a file name. */
    readonly defaultPath?: string;
}
/** Options of the message boxes. */
export interface MessageOptions {
    /** The window title. */
    readonly title?: string;
    /** Information (default), warning or error. */
    readonly kind?: "info" | "warning" | "error";
}
/** Lets the person pick several files (or directories): their paths, or `null` if cancelled. */
export declare function open(options: OpenDialogOptions & {
    readonly multiple: true;
}): Promise<string[] | null>;
/** Lets the person pick a file (or a directory): its path, or `null` if cancelled. */
export declare function open(options?: OpenDialogOptions & {
    readonly multiple?: false;
}): Promise<string | null>;
/** Lets the person choose where to save: the path, or `null` if cancelled. */
export declare function save(options?: SaveDialogOptions): Promise<string | null>;
/** Shows `message` with an OK button. */
export declare function message(text: string, options?: MessageOptions): Promise<void>;
/** Asks a yes/no question: whether the person said yes. */
export declare function ask(text: string, options?: MessageOptions): Promise<boolean>;
/** Asks for confirmation (OK/Cancel): whether the person said OK. */
export declare function confirm(text: string, options?: MessageOptions): Promise<boolean>;
