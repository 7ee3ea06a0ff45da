/** Repository-relative paths of the files the workflow bundle imports at run time. */
export declare function workflowSandboxFiles(entries?: string[], root?: string): string[];
