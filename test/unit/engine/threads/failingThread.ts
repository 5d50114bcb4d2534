// A consumer thread that dies as it starts (for consumerThread.test.ts).

throw new Error('this thread fails on purpose');
