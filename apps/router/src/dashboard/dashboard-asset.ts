/** One bundled file the router serves under `/dashboard/assets/`. */
export interface DashboardAsset {
  /** File name with a content hash, so it can be cached for good. */
  name: string;
  contentType: string;
  text: string;
}

/** The dashboard's client script (uPlot included) and its styles. */
export interface DashboardAssets {
  script: DashboardAsset;
  style: DashboardAsset;
}
