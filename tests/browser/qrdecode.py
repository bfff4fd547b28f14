"""Reading a QR code as a phone would: from a screenshot of what Chromium drew, by zxing-cpp."""

from __future__ import annotations

import base64

import zxingcpp


def decode(page, png: bytes) -> list[str]:
    """The texts of the QR codes in a PNG: Chromium turns the PNG into grey pixels (in a blank
    page of the same browser), zxing-cpp reads them."""
    blank = page.context.new_page()
    pixels = blank.evaluate(
        """async (data) => {
            const image = new Image();
            image.src = "data:image/png;base64," + data;
            await image.decode();
            const canvas = document.createElement("canvas");
            canvas.width = image.width;
            canvas.height = image.height;
            const context = canvas.getContext("2d");
            context.drawImage(image, 0, 0);
            const rgba = context.getImageData(0, 0, image.width, image.height).data;
            const grey = [];
            for (let i = 0; i < rgba.length; i += 4) grey.push(Math.round((rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3));
            return {width: image.width, height: image.height, grey};
        }""",
        base64.b64encode(png).decode(),
    )
    blank.close()
    image = memoryview(bytes(pixels["grey"])).cast("B", (pixels["height"], pixels["width"]))
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]
