/** What the mocks need to know about the stack being planned (region, project, account). */
export interface MockContext {
    awsRegion: string;
    gcpProject: string;
    gcpRegion: string;
    accountId: string;
}

let current: MockContext = { awsRegion: "us-east-1", gcpProject: "mock-project", gcpRegion: "us-central1", accountId: "123456789012" };

export function setMockContext(ctx: Partial<MockContext>): void {
    current = { ...current, ...ctx };
}

export function mockContext(): MockContext {
    return current;
}
