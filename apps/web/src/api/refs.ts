/** A dataset or job named by namespace and name, as the lookups return them. */
export type DatasetRefLike = { namespace: string; name: string };
