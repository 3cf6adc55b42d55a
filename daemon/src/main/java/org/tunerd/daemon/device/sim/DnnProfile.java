package org.tunerd.daemon.device.sim;

import java.util.Objects;

/**
 * What one inference of a DNN costs, per input pixel where the cost grows with the input size.
 *
 * <p>Compute is derived from the published operation count at the network's reference resolution and
 * assumed to scale with the number of input pixels (true for fully convolutional parts, the bulk of the
 * work). Memory traffic is the weights read once per inference plus activations written and read back,
 * per pixel.
 *
 * @param name                  catalogue name, lower case, e.g. {@code resnet50}
 * @param referenceWidth        width at which {@code gflops} was published
 * @param referenceHeight       height at which {@code gflops} was published
 * @param gflops                FP32 operations (2 x multiply-accumulates) of one inference at the reference size, 1e9
 * @param weightBytes           bytes of parameters read per inference
 * @param activationBytesPerPixel DRAM bytes of feature maps moved per input pixel
 * @param gpuEfficiency         achieved fraction of the GPU's peak FLOP rate (depthwise convolutions are poor), 0..1
 * @param kernels               GPU kernels launched per inference
 * @param cpuCyclesPerPixel     CPU cycles of pre/post-processing per input pixel (decode, resize, normalise, decode boxes)
 * @param cpuFixedCycles        CPU cycles of pre/post-processing independent of the input size (top-k, NMS, framework)
 * @param serialFraction        Amdahl serial fraction of the pre/post-processing, 0..1
 */
public record DnnProfile(String name, int referenceWidth, int referenceHeight, double gflops, double weightBytes,
                         double activationBytesPerPixel, double gpuEfficiency, int kernels, double cpuCyclesPerPixel,
                         double cpuFixedCycles, double serialFraction) {

    public DnnProfile {
        Objects.requireNonNull(name, "name");
        if (referenceWidth <= 0 || referenceHeight <= 0 || !(gflops > 0) || weightBytes < 0
                || activationBytesPerPixel < 0 || !(gpuEfficiency > 0) || gpuEfficiency > 1 || kernels < 0
                || cpuCyclesPerPixel < 0 || cpuFixedCycles < 0 || serialFraction < 0 || serialFraction > 1) {
            throw new IllegalArgumentException("DNN profile '" + name + "' has an invalid constant");
        }
    }

    /** FP32 operations per input pixel. */
    public double flopsPerPixel() {
        return gflops * 1e9 / ((double) referenceWidth * referenceHeight);
    }

    /** FP32 operations of one inference on a {@code pixels}-pixel input. */
    public double flops(double pixels) {
        return flopsPerPixel() * pixels;
    }

    /** DRAM bytes of one inference on a {@code pixels}-pixel input. */
    public double bytes(double pixels) {
        return weightBytes + activationBytesPerPixel * pixels;
    }

    /** CPU cycles of pre/post-processing for a {@code pixels}-pixel input. */
    public double cpuCycles(double pixels) {
        return cpuFixedCycles + cpuCyclesPerPixel * pixels;
    }
}
