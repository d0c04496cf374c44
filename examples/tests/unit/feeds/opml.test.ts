test.todo('the six sample exports parse to the expected outlines');
