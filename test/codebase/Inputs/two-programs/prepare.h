void prepare();
