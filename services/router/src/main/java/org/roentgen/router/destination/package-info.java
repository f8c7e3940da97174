/**
 * The places the router delivers to, behind {@link org.roentgen.router.delivery.Destination}: a
 * DICOM peer by C-STORE over a pool of reused associations ({@link
 * org.roentgen.router.destination.DicomDestination}), a DICOMweb server by STOW-RS ({@link
 * org.roentgen.router.destination.StowRsDestination}) and an S3 bucket ({@link
 * org.roentgen.router.destination.S3Destination}), each configured by a settings record and built
 * by {@link org.roentgen.router.destination.Destinations}. Every failure leaves as a {@link
 * org.roentgen.router.delivery.DeliveryException} with its cause and whether a retry can help; the
 * rules of that classification are in {@link org.roentgen.router.destination.DicomFailures}, {@link
 * org.roentgen.router.destination.DimseStatuses}, {@link
 * org.roentgen.router.destination.StowRsResponse} and {@link
 * org.roentgen.router.destination.S3Destination}. Messages carry UIDs, AE titles, statuses and
 * destination names, never patient data (and never a peer's free-text error comment, which may hold
 * some).
 */
package org.roentgen.router.destination;
