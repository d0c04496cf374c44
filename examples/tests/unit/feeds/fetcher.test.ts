test.todo('a DNS failure is an outcome, not an exception');
