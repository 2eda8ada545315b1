// A module that cannot load: a worker importing it never starts. (Imported by the worker, not run as a test.)
throw new Error("this module cannot load");
