int dummy_core_test;
