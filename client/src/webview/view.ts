// How the diagram page shows a model: the filters by firewall and by feature, and the zoom steps.
// Pure (no DOM), so test/client checks it in Node; main.ts applies it.
import type { FlowModel } from '../../../server/src/engine/index';

export interface ViewState {
  fit?: boolean;
  /** The scale when Fit Width is off. */
  zoom?: number;
  /** A firewall's id, or '' for all. */
  firewall?: string;
  /** A feature's name, or '' for all. */
  feature?: string;
}

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3] as const;

/** The next zoom step above (direction 1) or below (-1) the current scale, which may lie between steps. */
export function nextZoom(scale: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > scale + 0.005) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  return [...ZOOM_STEPS].reverse().find((step) => step < scale - 0.005) ?? ZOOM_STEPS[0];
}

/**
 * The model with only the flows (and extra rules) of the chosen firewall and feature. Nodes and
 * firewalls stay, so the drawing keeps its columns; the summary stays the whole file's.
 */
export function filterModel(model: FlowModel, view: ViewState): FlowModel {
  const firewall = view.firewall ?? '';
  const feature = view.feature ?? '';
  if (!firewall && !feature) return model;
  return {
    ...model,
    flows: model.flows.filter(
      (flow) => (!firewall || flow.firewall === firewall) && (!feature || flow.feature === feature),
    ),
    // Extra rules serve no feature: a feature filter hides them.
    extraRules: feature ? [] : model.extraRules.filter((rule) => !firewall || rule.firewall === firewall),
  };
}

export interface FilterOption {
  value: string;
  label: string;
}

/** The firewalls of the file and the features its flows come from, for the two filter lists. */
export function filterOptions(
  model: FlowModel | undefined,
  featureTitles: Record<string, string>,
): { firewalls: FilterOption[]; features: FilterOption[] } {
  if (!model) return { firewalls: [], features: [] };
  const features = [...new Set(model.flows.map((flow) => flow.feature))];
  return {
    firewalls: model.firewalls.map((firewall) => ({ value: firewall.id, label: firewall.name })),
    features: features.map((name) => ({ value: name, label: featureTitles[name] ?? name })),
  };
}
