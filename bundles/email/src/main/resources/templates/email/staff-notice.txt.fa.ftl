سطح شما از ${data.from} به ${data.to} رسید.
