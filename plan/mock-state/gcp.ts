import { mockContext } from "../mock-context";

type StateFn = (name: string, inputs: Record<string, any>) => Record<string, unknown>;

/** Computed attributes GCP returns for a resource. */
export const GCP_STATE: Record<string, StateFn> = {
    "gcp:compute/network:Network": (n, i) => ({ selfLink: `https://www.googleapis.com/compute/v1/projects/${mockContext().gcpProject}/global/networks/${i.name ?? n}` }),
};

/** Answers to GCP invokes, keyed by token. */
export const GCP_INVOKES: Record<string, (inputs: Record<string, any>) => Record<string, unknown>> = {
    "gcp:organizations/getProject:getProject": () => ({
        projectId: mockContext().gcpProject,
        number: "123456789012",
        name: mockContext().gcpProject,
        id: `projects/${mockContext().gcpProject}`,
    }),
    "gcp:organizations/getClientConfig:getClientConfig": () => ({ project: mockContext().gcpProject, region: mockContext().gcpRegion, zone: `${mockContext().gcpRegion}-a`, accessToken: "mock", id: "mock" }),
};
