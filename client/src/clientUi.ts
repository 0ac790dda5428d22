// What the extension needs only once it has something to show or a command runs: the diagram,
// the status bar item, the commands. Bundled apart as dist/clientUi.js (like languageClient.js)
// so that activation on every YAML file loads less; extension.ts requires it on first use.
export { checkWorkspace, describeWorkspaceCheck } from './commands/checkWorkspace';
export { exportReport } from './commands/exportReport';
export { exportRules, isExportFormat, pickExportFormat } from './commands/exportRules';
export { importTopology } from './commands/importTopology';
export { insertAllMissingRules } from './commands/insertMissingRules';
export { newTopologyFile } from './commands/newTopologyFile';
export { createDumpFindings, verifyDump } from './commands/verifyDump';
export { isTopologyChoices } from './commands/topologyTemplate';
export { activeTopologyUri, DiagramPanel } from './diagramPanel';
export { FlowStatusBar } from './statusBar';
